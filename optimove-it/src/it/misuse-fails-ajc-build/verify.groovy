// javac did not run the processor (proc none), ajc did: the build failed in aspectj-maven-plugin
// with the same messages, naming file, line and method.
def log = new File(basedir, 'build.log').text
assert log.contains('BUILD FAILURE')
assert !log.contains('Failed to execute goal org.apache.maven.plugins:maven-compiler-plugin') : 'javac should pass'
assert log.contains('Failed to execute goal dev.aspectj:aspectj-maven-plugin') : 'ajc should fail'

def expected = [
  'SubscriptionService.java:14::',
  "@OptimoveEvent method com.example.shop.SubscriptionService.choose(String, Plan): parameter 'plan' on"
      + " argument 'plan': path 'title': com.example.shop.SubscriptionService.Plan has no property 'title'",
  'SubscriptionService.java:23::',
  '@OptimoveEvent method com.example.shop.Subscriptions.cancel(String) is an interface method without a'
      + ' body, so it would never report',
]
expected.each { message -> assert log.contains(message) : "build.log lacks: ${message}" }
return true
