package dev.oktainputs.policies;

import dev.oktainputs.api.Checkpoint;
import dev.oktainputs.core.DeclaredInput;
import dev.oktainputs.core.InputContext;
import dev.oktainputs.core.InputRun;
import dev.oktainputs.core.config.SyncOptions;
import dev.oktainputs.core.fanout.FanOutRun;
import java.util.List;
import java.util.Map;

/**
 * The {@code policy_rules} input (family {@code policies}): the rules of every policy of every type, a fan-out over
 * {@code GET /api/v1/policies?type=T} for each type ({@link PolicyTypeRun#TYPES}) to
 * {@code GET /api/v1/policies/{policyId}/rules}. Key = {@code policyId/ruleId}, JSON = the rule as Okta sent it.
 * Every run lists every policy's rules (Okta has no change filter for either): removed rules and the rules of removed
 * policies are DELETEs, between full syncs only new or changed rules are emitted. A type the org does not have is
 * skipped with one warning and its rules are not deleted ({@link PolicyTypeRun}).
 */
public final class PolicyRulesInput extends DeclaredInput {

    /** Declares the input; found by {@link java.util.ServiceLoader}. */
    public PolicyRulesInput() {
        super("policies", "policy_rules", List.of(PoliciesInput.SCOPE), PoliciesInput.PROBE, options(List.of(),
                List.of(SyncOptions.CONCURRENCY, SyncOptions.FULL_SYNC_EVERY, SyncOptions.FULL_SYNC, SyncOptions.OVERLAP,
                        SyncOptions.BATCH_MAX_RECORDS)));
    }

    @Override
    public List<String> keyIds() {
        return List.of("policy_id", "rule_id");
    }

    @Override
    public InputRun open(InputContext context, Checkpoint checkpoint) {
        return new PolicyTypeRun(name(), context, checkpoint, (type, sub, cp) -> new FanOutRun(sub, cp, name(),
                List.of(new RuleEdges(type)), key -> Map.of()), "phase");
    }
}
