package dev.optievent.spring;

import dev.optievent.aspect.internal.ReflectedMembers;
import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.util.List;
import org.springframework.aot.hint.ExecutableMode;
import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.ReflectionHints;
import org.springframework.beans.factory.aot.BeanRegistrationAotContribution;
import org.springframework.beans.factory.aot.BeanRegistrationAotProcessor;
import org.springframework.beans.factory.support.RegisteredBean;

/**
 * For a native image: registers, for each bean whose class has {@code @OptimoveEvent} methods,
 * those methods (the proxy's interceptor reads their annotations) and every record accessor, getter
 * and field their {@code @EventParam}, {@code @CustomerId} and {@code @VisitorId} paths read,
 * exactly as the plan resolves them at run time. Registered through {@code
 * META-INF/spring/aot.factories}; contributes nothing for other beans.
 */
class OptimoveBeanAotProcessor implements BeanRegistrationAotProcessor {

  @Override
  public BeanRegistrationAotContribution processAheadOfTime(RegisteredBean bean) {
    List<Method> methods = ReflectedMembers.annotatedMethods(bean.getBeanClass());
    if (methods.isEmpty()) {
      return null;
    }
    return (generationContext, code) ->
        register(generationContext.getRuntimeHints().reflection(), methods);
  }

  static void register(ReflectionHints reflection, List<Method> methods) {
    for (Method method : methods) {
      reflection.registerMethod(method, ExecutableMode.INVOKE);
      for (Member member : ReflectedMembers.readBy(method)) {
        if (member instanceof Method accessor) {
          reflection.registerMethod(accessor, ExecutableMode.INVOKE);
        } else if (member instanceof Field field) {
          reflection.registerField(field);
        }
        if (member.getDeclaringClass().isRecord()) {
          // The plan finds a record's accessors through getRecordComponents().
          reflection.registerType(member.getDeclaringClass(), MemberCategory.INVOKE_PUBLIC_METHODS);
        }
      }
    }
  }
}
