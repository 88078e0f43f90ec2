package io.keyrenewal.renewal.query;

import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;

import java.util.List;

public interface RenewalViewRepository extends JpaRepository<RenewalView, String>,
        JpaSpecificationExecutor<RenewalView> {

    /** Renewals matching every filter given (null: any), newest first. */
    default List<RenewalView> find(String state, String partnerId, String alias) {
        Specification<RenewalView> filter = (root, query, builder) -> builder.conjunction();
        if (state != null) {
            filter = filter.and((root, query, builder) -> builder.equal(root.get("state"), state));
        }
        if (partnerId != null) {
            filter = filter.and((root, query, builder) -> builder.equal(root.get("partnerId"), partnerId));
        }
        if (alias != null) {
            filter = filter.and((root, query, builder) -> builder.equal(root.get("alias"), alias));
        }
        return findAll(filter, Sort.by(Sort.Direction.DESC, "startedAt"));
    }
}
