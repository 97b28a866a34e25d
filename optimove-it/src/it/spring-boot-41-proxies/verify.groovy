// Runs after the consumer build: the application's test passed.
def log = new File(basedir, 'build.log').text
assert log.contains("NewsletterService woven: false") : "the service was woven"
assert log.contains('Tests run: 4, Failures: 0, Errors: 0, Skipped: 0') : 'the application test did not pass'
