/**
 * Small JSON helpers over raw bytes: picking fields ({@link dev.oktainputs.core.json.JsonFields}) and building edge records around embedded objects ({@link dev.oktainputs.core.json.JsonEnvelope}).
 */
package dev.oktainputs.core.json;
