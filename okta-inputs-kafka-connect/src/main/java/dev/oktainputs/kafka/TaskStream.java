package dev.oktainputs.kafka;

import dev.oktainputs.core.OktaInput;
import dev.oktainputs.core.schedule.ScheduledPoller;
import java.util.Map;

/**
 * One input of a Connect task.
 *
 * @param input     the input
 * @param poller    its schedule and runs
 * @param partition its source partition
 * @param offsets   its source offsets
 */
record TaskStream(OktaInput input, ScheduledPoller poller, Map<String, String> partition, StreamOffsets offsets) {
}
