/**
 * Plain listing inputs: {@link dev.oktainputs.core.listing.ListingRun} driven by a {@link dev.oktainputs.core.listing.ListingSpec}.
 */
package dev.oktainputs.core.listing;
