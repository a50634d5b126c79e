package dev.baton.query;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.flyway.FlywayDataSource;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;

/**
 * The JDBC side, used by the projection (writes), Flyway and the nonce store. With R2DBC configured Spring Boot does
 * not create a DataSource, so it is declared here from {@code spring.datasource.*}.
 */
@Configuration(proxyBeanMethods = false)
public class JdbcConfiguration {
    public static final String TRANSACTION_TEMPLATE = "jdbcTransactionTemplate";

    @Bean
    @Primary
    @ConfigurationProperties("spring.datasource")
    DataSourceProperties dataSourceProperties() {
        return new DataSourceProperties();
    }

    @Bean
    @Primary
    @FlywayDataSource
    @ConfigurationProperties("spring.datasource.hikari")
    HikariDataSource dataSource(DataSourceProperties properties) {
        return properties.initializeDataSourceBuilder().type(HikariDataSource.class).build();
    }

    @Bean
    DataSourceTransactionManager jdbcTransactionManager(DataSource dataSource) {
        return new DataSourceTransactionManager(dataSource);
    }

    @Bean(TRANSACTION_TEMPLATE)
    TransactionTemplate jdbcTransactionTemplate(@Qualifier("jdbcTransactionManager") PlatformTransactionManager manager) {
        return new TransactionTemplate(manager);
    }
}
