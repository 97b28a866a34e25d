// Runs after the consumer build: the woven tests (written with the test kit) passed, and the
// annotation processor wrote the event catalog into the consumer's classes.
def log = new File(basedir, 'build.log').text
assert log.contains('Tests run: 3, Failures: 0, Errors: 0, Skipped: 0') : 'the woven tests did not pass'
assert log.contains('The endpoint received: ') : 'the test did not print what the endpoint received'

def json = new File(basedir, 'target/classes/META-INF/optimove/events.json')
def md = new File(basedir, 'target/classes/META-INF/optimove/events.md')
assert json.isFile() : "missing ${json}"
assert md.isFile() : "missing ${md}"

def expectedJson = '''{
  "events": [
    {
      "name": "checkout_completed",
      "parameters": [
        {"name": "items", "type": "number", "mandatory": false},
        {"name": "total", "type": "number", "mandatory": false},
        {"name": "order_id", "type": "text", "mandatory": false}
      ],
      "sources": ["com.example.shop.CheckoutService#checkout"]
    },
    {
      "name": "newsletter_signup",
      "parameters": [
        {"name": "email", "type": "text", "mandatory": false},
        {"name": "opt_in", "type": "boolean", "mandatory": true}
      ],
      "sources": ["com.example.shop.NewsletterService#signUp"]
    }
  ]
}
'''
assert json.getText('UTF-8') == expectedJson : "events.json differs:\n${json.getText('UTF-8')}"

def mdText = md.getText('UTF-8')
[
  '| Event name | Parameter name | Parameter type | Always present |',
  '| `checkout_completed` | `items` | number | no |',
  '| `checkout_completed` | `total` | number | no |',
  '| `checkout_completed` | `order_id` | text | no |',
  '| `newsletter_signup` | `email` | text | no |',
  '| `newsletter_signup` | `opt_in` | boolean | yes |',
  '- `newsletter_signup`: `com.example.shop.NewsletterService#signUp`',
].each { line -> assert mdText.contains(line) : "events.md lacks ${line}:\n${mdText}" }
return true
