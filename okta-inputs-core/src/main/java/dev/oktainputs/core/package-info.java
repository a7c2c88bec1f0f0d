/**
 * The okta-inputs SDK: the input SPI ({@link dev.oktainputs.core.OktaInput}), the org URL and credential value
 * types, and checkpoint and id-set stores. HTTP plumbing lives in {@link dev.oktainputs.core.http}.
 */
package dev.oktainputs.core;
