// Runs after the consumer build: javac compiled with Lombok and the OptiEvent processor, ajc wove
// the compiled classes, the woven test passed, and the processor judged the paths by the accessors
// Lombok wrote: the types in the catalog come from them (trial is a boolean only through the
// isTrial() Lombok wrote), and an unknown property would have failed the build.
def log = new File(basedir, 'build.log').text
assert log.contains('Tests run: 1, Failures: 0, Errors: 0, Skipped: 0') : 'the Lombok test did not pass'
assert log.contains('The endpoint received: ') : 'the test did not print what the endpoint received'
assert log =~ /aspectj-maven-plugin:[^ ]+:compile \(weave-classes\)/ : 'ajc did not run'
assert !log.contains('has no property') : 'the processor did not see the accessors Lombok wrote'

def json = new File(basedir, 'target/classes/META-INF/optimove/events.json')
assert json.isFile() : "missing ${json}: the processor did not run"
def text = json.getText('UTF-8')
[
  '{"name": "plan", "type": "text", "mandatory": false}',
  '{"name": "seats", "type": "number", "mandatory": false}',
  '{"name": "trial", "type": "boolean", "mandatory": false}',
  '{"name": "tier", "type": "text", "mandatory": false}',
  '{"name": "refund_cents", "type": "number", "mandatory": false}',
  '{"name": "reason", "type": "text", "mandatory": false}',
].each { entry -> assert text.contains(entry) : "events.json lacks ${entry}:\n${text}" }
return true
