package dev.optievent.sample.boot;

import dev.optievent.testing.FakeOptimoveServer;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A Spring Boot application that reports to Optimove through the starter. With no endpoint
 * configured it reports to an embedded {@link FakeOptimoveServer}; the {@link Demo} then signs up
 * three addresses over HTTP as the user {@code alice}, prints what the endpoint received and exits
 * (unless {@code sample.keep-running=true}).
 */
@SpringBootApplication
public class SampleBootApp {

  /**
   * Starts the application.
   *
   * @param args Spring Boot arguments, such as {@code --sample.keep-running=true}
   */
  public static void main(String[] args) {
    SpringApplication app = new SpringApplication(SampleBootApp.class);
    FakeOptimoveServer embedded = null;
    if (!configured()) {
      embedded = FakeOptimoveServer.start();
      app.setDefaultProperties(
          Map.of("optimove.endpoint", embedded.endpoint().toString(), "optimove.tenant", "999"));
      System.out.println("Reporting to an embedded endpoint at " + embedded.endpoint());
    }
    ConfigurableApplicationContext context = app.run(args);
    if (embedded != null) {
      context.getBeanFactory().registerSingleton("embeddedOptimove", embedded);
    }
    Demo demo = context.getBean(Demo.class);
    int exit = demo.run(embedded);
    if (!context.getEnvironment().getProperty("sample.keep-running", Boolean.class, false)) {
      System.exit(SpringApplication.exit(context, () -> exit));
    }
  }

  private static boolean configured() {
    String env = System.getenv("OPTIMOVE_ENDPOINT");
    String property = System.getProperty("optimove.endpoint");
    return (env != null && !env.isBlank()) || (property != null && !property.isBlank());
  }
}
