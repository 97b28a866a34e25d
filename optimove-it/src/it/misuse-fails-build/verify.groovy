// The consumer's build failed in javac, with the processor's messages naming file, line, method
// and what to change.
def log = new File(basedir, 'build.log').text
assert log.contains('BUILD FAILURE')
assert log.contains('Failed to execute goal org.apache.maven.plugins:maven-compiler-plugin') : 'javac should fail first'

def expected = [
  'SubscriptionService.java:[14,22] @OptimoveEvent method com.example.shop.SubscriptionService.choose(String, Plan):'
      + " parameter 'plan' on argument 'plan': path 'title': com.example.shop.SubscriptionService.Plan has no"
      + " property 'title' (no record component, getter getTitle()/isTitle(), public field or Map key);"
      + ' its properties are name, seats; fix the path',
  'SubscriptionService.java:[23,3] @OptimoveEvent method com.example.shop.Subscriptions.cancel(String) is an'
      + ' interface method without a body, so it would never report: the aspect runs where the annotated'
      + " method's own body runs, and implementations do not inherit method annotations. Put @OptimoveEvent"
      + ' (with its @EventParam, @CustomerId and @VisitorId) on the implementing method instead.',
]
expected.each { message -> assert log.contains(message) : "build.log lacks: ${message}" }
assert !new File(basedir, 'target/classes/com/example/shop/SubscriptionService.class').exists()
return true
