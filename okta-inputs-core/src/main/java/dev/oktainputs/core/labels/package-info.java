/**
 * Import rules (Teleport's okta_import_rule layout) that label app and group records and their edges: {@link dev.oktainputs.core.labels.ImportRules}.
 */
package dev.oktainputs.core.labels;
