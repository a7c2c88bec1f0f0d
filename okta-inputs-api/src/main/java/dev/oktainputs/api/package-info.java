/**
 * The contracts of okta-inputs that embedders and sinks see: {@link dev.oktainputs.api.OktaRecord},
 * {@link dev.oktainputs.api.Checkpoint}, {@link dev.oktainputs.api.RecordSink} and
 * {@link dev.oktainputs.api.CheckpointStore}. This package depends on the JDK only.
 */
package dev.oktainputs.api;
