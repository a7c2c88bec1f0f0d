/**
 * Fan-out over a parent listing for edge inputs: {@link dev.oktainputs.core.fanout.FanOut} (bounded concurrency, pages in listing order), {@link dev.oktainputs.core.fanout.FanOutRun} and {@link dev.oktainputs.core.fanout.EdgeSource}.
 */
package dev.oktainputs.core.fanout;
