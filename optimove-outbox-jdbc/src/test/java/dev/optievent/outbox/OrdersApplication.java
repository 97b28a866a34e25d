package dev.optievent.outbox;

import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.annotation.EnableTransactionManagement;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The tests' Spring application over the {@code DataSource} bean a test gives: Spring's JDBC
 * transactions, a {@code JdbcTemplate}, and the {@link Orders} service. Public, for the fleet's
 * child JVMs.
 */
@Configuration(proxyBeanMethods = false)
@EnableTransactionManagement
public class OrdersApplication {
  @Bean
  DataSourceTransactionManager transactionManager(DataSource dataSource) {
    return new DataSourceTransactionManager(dataSource);
  }

  @Bean
  JdbcTemplate jdbcTemplate(DataSource dataSource) {
    return new JdbcTemplate(dataSource);
  }

  @Bean
  TransactionTemplate transactionTemplate(DataSourceTransactionManager manager) {
    return new TransactionTemplate(manager);
  }

  @Bean
  Orders orders(JdbcTemplate jdbc) {
    return new Orders(jdbc);
  }
}
