package io.keyrenewal.keystore.store;

import com.zaxxer.hikari.HikariDataSource;
import io.keyrenewal.testsupport.RealPostgres;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Connection pools on real PostgreSQL databases, one per keystore instance of a test, closed with the test. */
final class PostgresPools implements AutoCloseable {

    private final List<HikariDataSource> pools = new CopyOnWriteArrayList<>();

    HikariDataSource open(RealPostgres.Database database, int size) {
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl(database.url());
        pool.setUsername(database.user());
        pool.setPassword(database.password());
        pool.setMaximumPoolSize(size);
        pools.add(pool);
        return pool;
    }

    @Override
    public void close() {
        pools.forEach(HikariDataSource::close);
    }
}
