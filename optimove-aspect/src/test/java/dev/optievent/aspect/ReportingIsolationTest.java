package dev.optievent.aspect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.optievent.client.Reasons;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Whatever goes wrong in reporting (a broken getter, a broken toString, an annotation that cannot
 * work) drops that one event with a reason; the business result is untouched.
 */
class ReportingIsolationTest {
  private final ReportingFixture fixture = new ReportingFixture();
  private final ParamServices services = new ParamServices();

  @AfterEach
  void tearDown() {
    fixture.close();
  }

  @Test
  void aThrowingGetterDropsTheEventWithAReason() {
    String result = services.brokenGetter("c-1", new ParamServices.BrokenBean());

    assertThat(result).isEqualTo("business result");
    assertThat(fixture.flushed()).isEmpty();
    assertThat(fixture.client.stats().dropped(Reasons.VALUE_CAPTURE_FAILED)).isEqualTo(1);
  }

  @Test
  void aThrowingToStringDropsTheEventWithAReason() {
    String result = services.brokenText("c-1", new ParamServices.BrokenText());

    assertThat(result).isEqualTo("business result");
    assertThat(fixture.client.stats().dropped(Reasons.VALUE_CAPTURE_FAILED)).isEqualTo(1);
  }

  @Test
  void aTypeThatCannotMapIsAConfigurationErrorOfThatMethod() {
    String result = services.notMappable("c-1", new ParamServices.Money());

    assertThat(result).isEqualTo("business result");
    assertThat(fixture.flushed()).isEmpty();
    assertThat(fixture.client.stats().dropped(Reasons.INVALID_ANNOTATION)).isEqualTo(1);
  }

  @Test
  void eachMisuseIsReportedAndCountedWithoutBreakingTheCall() {
    services.badPath("c-1", new ParamServices.Subscribe(null, null, null));
    services.voidWithReturnParam("c-1");
    services.duplicate("c-1", "x", "y");
    services.blankKey("c-1");

    assertThat(fixture.flushed()).isEmpty();
    assertThat(fixture.client.stats().dropped(Reasons.INVALID_ANNOTATION)).isEqualTo(4);
  }
}
