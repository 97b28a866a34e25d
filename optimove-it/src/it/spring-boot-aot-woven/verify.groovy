// Runs after the consumer build: the application's test passed on Spring AOT's generated code.
def log = new File(basedir, 'build.log').text
assert log.contains('Tests run: 4, Failures: 0, Errors: 0, Skipped: 0') : 'the application test did not pass'
assert log.contains('NewsletterService woven: true') : 'the service was not woven'
assert log.contains('Spring AOT artifacts in use: true') : 'the test did not run on the AOT-generated code'
def generated = new File(basedir, 'target/spring-aot/main/sources/com/example/shop')
assert generated.list().any { it.startsWith('ShopApplication__') } : 'process-aot generated nothing for the application'
// The starter's native hints (aot.factories): the service's annotated methods, by name.
def metadata = new File(basedir, "target/spring-aot/main/resources/META-INF/native-image/com.example/${basedir.name}/reachability-metadata.json")
def service = new groovy.json.JsonSlurper().parse(metadata).reflection.find { it.type == 'com.example.shop.NewsletterService' }
assert service?.methods*.name?.containsAll(['signUp', 'confirm']) : "no native hints for the annotated methods: ${service}"
// The annotation processor's metadata for the woven methods, in the compiled classes.
def woven = new File(basedir, 'target/classes/META-INF/native-image/dev.optievent/woven-events/reachability-metadata.json')
def entries = new groovy.json.JsonSlurper().parse(woven).reflection
assert entries.find { it.type == 'com.example.shop.NewsletterService' }?.methods*.name?.containsAll(['signUp', 'confirm']) : "no processor metadata for the woven methods: ${entries}"
