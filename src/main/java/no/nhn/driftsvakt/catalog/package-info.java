/**
 * Service catalog as code: the YAML model of components, their dependency graph and checks,
 * customer groups and support groups; parsing with precise, line-numbered errors; validation;
 * and hot reload without restart.
 */
package no.nhn.driftsvakt.catalog;
