// -Aoptimove.catalog reached the processor through the compiler plugin, and the mismatch failed
// the build with a message naming the file, the line, the method and what to change.
def log = new File(basedir, 'build.log').text
assert log.contains('BUILD FAILURE')
def catalog = new File(basedir, 'optimove-catalog.json').canonicalFile
def expected = 'NewsletterService.java:[13,22] @OptimoveEvent method com.example.shop.NewsletterService.signUp(String,' +
    " String, String): parameter 'opt_in' of event 'newsletter_signup' is text (from argument 'optIn') but the" +
    " catalog ${catalog} says boolean; change the Java type (or the path) or the catalog so that they agree"
assert log.contains(expected) : "build.log lacks: ${expected}"
return true
