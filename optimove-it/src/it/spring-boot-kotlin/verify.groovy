// Runs after the consumer build: the application's Kotlin test passed.
def log = new File(basedir, 'build.log').text
assert log.contains('Tests run: 6, Failures: 0, Errors: 0, Skipped: 0') : 'the application test did not pass'
