// Runs after the consumer build: the application's test passed, on a woven and proxied service.
def log = new File(basedir, 'build.log').text
assert log.contains('Tests run: 4, Failures: 0, Errors: 0, Skipped: 0') : 'the application test did not pass'
assert log.contains('NewsletterService woven: true') : 'the service was not woven'
