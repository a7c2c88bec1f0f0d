/**
 * Test kit for okta-inputs: a fake Okta org served over real HTTP on loopback ({@link
 * dev.oktainputs.testkit.FakeOktaServer} over a {@link dev.oktainputs.testkit.FakeOrg}), a virtual clock that is
 * also a sleeper ({@link dev.oktainputs.testkit.VirtualClock}), a {@link dev.oktainputs.testkit.RecordingSink}, and
 * a JUnit 5 extension ({@link dev.oktainputs.testkit.FakeOkta}, {@link dev.oktainputs.testkit.FakeOktaExtension}).
 */
package dev.oktainputs.testkit;
