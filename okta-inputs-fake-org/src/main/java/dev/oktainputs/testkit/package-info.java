/**
 * A fake Okta org served over real HTTP on loopback ({@link dev.oktainputs.testkit.FakeOktaServer} over a {@link
 * dev.oktainputs.testkit.FakeOrg}), a virtual clock that is also a sleeper ({@link
 * dev.oktainputs.testkit.VirtualClock}) and a {@link dev.oktainputs.testkit.RecordingSink}, from the artifact
 * {@code okta-inputs-fake-org}, which has no test-framework dependency. The artifact {@code okta-inputs-testkit} adds
 * the JUnit 5 extension ({@code FakeOkta}, {@code FakeOktaExtension}) and the input conformance suite to this package.
 */
package dev.oktainputs.testkit;
