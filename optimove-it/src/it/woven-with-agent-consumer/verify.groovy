// Runs after the consumer build: ajc wove the classes at build time, the test ran under the AspectJ
// agent as well, and each call reported exactly one event.
def log = new File(basedir, 'build.log').text
assert log.contains('Tests run: 1, Failures: 0, Errors: 0, Skipped: 0') : 'the test did not pass'
assert log.contains('The endpoint received: ') : 'the test did not print what the endpoint received'
assert log =~ /aspectj-maven-plugin:[^ ]+:compile/ : 'ajc did not weave at build time'
return true
