// Runs after the consumer build: the client-only tests passed, those written with the test kit
// included, and no AspectJ (nor the aspect or the annotations) came in through the dependencies,
// test scope included: the kit's dependency on the aspect is optional.
def log = new File(basedir, 'build.log').text
assert log =~ /Tests run: 2, Failures: 0, Errors: 0, Skipped: 0, Time elapsed: [0-9.]+ s -+ in com.example.billing.InvoiceReporterKitTest/ : 'the kit tests did not pass'
assert log.contains('Tests run: 4, Failures: 0, Errors: 0, Skipped: 0') : 'the client-only tests did not pass'
assert log.contains('The endpoint received: ') : 'the test did not print what the endpoint received'

def deps = new File(basedir, 'deps.txt')
assert deps.isFile() : "missing ${deps}: did dependency:tree run?"
def tree = deps.getText('UTF-8')
// Guards against an empty or unrelated tree passing the checks below.
assert tree.contains('dev.optievent:optimove-client:jar:') : "no optimove-client in the tree:\n${tree}"
assert tree.contains('dev.optievent:optimove-testing:jar:') : "no optimove-testing in the tree:\n${tree}"
assert tree.contains('dev.optievent:optimove-junit:jar:') : "no optimove-junit in the tree:\n${tree}"
['org.aspectj', 'optimove-aspect', 'optimove-annotations'].each { name ->
  assert !tree.contains(name) : "${name} is in the consumer's dependencies:\n${tree}"
}
return true
