/**
 * rsyslog templates: string and list templates, the property replacer ({@code %name:from:to:options%}),
 * template options (sql, stdsql, json, jsonf) and rsyslog's built-in templates.
 */
package dev.vigil.collector.template;
