package io.keyrenewal.renewal.query;

import org.springframework.data.jpa.repository.JpaRepository;

public interface RenewalViewRepository extends JpaRepository<RenewalView, String> {
}
