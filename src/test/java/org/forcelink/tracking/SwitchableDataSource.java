package org.forcelink.tracking;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/** A data source a test can take away and bring back, the way a database outage looks to the hub. */
final class SwitchableDataSource extends DelegatingDataSource {

    private final AtomicBoolean down = new AtomicBoolean();

    SwitchableDataSource(DataSource target) {
        super(target);
    }

    void down() {
        down.set(true);
    }

    void up() {
        down.set(false);
    }

    @Override
    public Connection getConnection() throws SQLException {
        if (down.get()) {
            throw new SQLTransientConnectionException("connection refused (test outage)");
        }
        return super.getConnection();
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return getConnection();
    }
}
