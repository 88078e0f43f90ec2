package io.keyrenewal.renewal.persistence;

import org.hibernate.boot.model.TypeContributions;
import org.hibernate.dialect.DatabaseVersion;
import org.hibernate.dialect.PostgreSQLDialect;
import org.hibernate.engine.jdbc.dialect.spi.DialectResolutionInfo;
import org.hibernate.service.ServiceRegistry;
import org.hibernate.type.SqlTypes;
import org.hibernate.type.descriptor.jdbc.BinaryJdbcType;
import org.hibernate.type.descriptor.jdbc.spi.JdbcTypeRegistry;

import java.sql.Types;

/**
 * PostgreSQL dialect that stores Axon's {@code @Lob byte[]} columns (event payload and metadata, tokens) as
 * {@code bytea} instead of large objects ({@code oid}): large objects make appends and loads several times slower
 * and pile up in {@code pg_largeobject}.
 */
public class ByteaEnforcedPostgresDialect extends PostgreSQLDialect {

    public ByteaEnforcedPostgresDialect() {
        super();
    }

    public ByteaEnforcedPostgresDialect(DialectResolutionInfo info) {
        super(info);
    }

    public ByteaEnforcedPostgresDialect(DatabaseVersion version) {
        super(version);
    }

    @Override
    protected String columnType(int sqlTypeCode) {
        return sqlTypeCode == SqlTypes.BLOB ? "bytea" : super.columnType(sqlTypeCode);
    }

    @Override
    protected String castType(int sqlTypeCode) {
        return sqlTypeCode == SqlTypes.BLOB ? "bytea" : super.castType(sqlTypeCode);
    }

    @Override
    public void contributeTypes(TypeContributions typeContributions, ServiceRegistry serviceRegistry) {
        super.contributeTypes(typeContributions, serviceRegistry);
        JdbcTypeRegistry registry = typeContributions.getTypeConfiguration().getJdbcTypeRegistry();
        registry.addDescriptor(Types.BLOB, BinaryJdbcType.INSTANCE);
    }
}
