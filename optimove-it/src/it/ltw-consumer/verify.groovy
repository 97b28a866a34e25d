// Runs after the consumer build: the load-time woven test passed quietly, no AspectJ plugin ran,
// and the annotation processor (annotationProcessorPaths) still wrote the catalog.
def log = new File(basedir, 'build.log').text
assert log.contains('Tests run: 1, Failures: 0, Errors: 0, Skipped: 0') : 'the load-time woven test did not pass'
assert log.contains('The endpoint received: ') : 'the test did not print what the endpoint received'
assert !log.contains('aspectj-maven-plugin') : 'this consumer must not weave at build time'
// The shipped aop.xml keeps the agent quiet: no weaver message (they start with the class loader's
// name, e.g. "[AppClassLoader@...] warning ...") reaches the application's output.
assert !(log =~ /\[\w+ClassLoader@[0-9a-f]+\]/) : 'the weaver printed messages'
assert new File(basedir, 'target/classes/META-INF/optimove/events.json').isFile() : 'the processor did not run'
return true
