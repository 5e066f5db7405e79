// Small numeric helpers and the table printer of the benchmark report.
'use strict';

function median(values) {
	const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
	if (sorted.length === 0) return NaN;
	const mid = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const min = (values) => Math.min(...values);
const max = (values) => Math.max(...values);

/** "1.23x (1.10–1.40)": a median ratio and its spread over the runs. */
function ratioText(values, digits = 2) {
	const m = median(values);
	if (!Number.isFinite(m)) return 'n/a';
	if (values.length < 2) return `${m.toFixed(digits)}x`;
	return `${m.toFixed(digits)}x (${min(values).toFixed(digits)}–${max(values).toFixed(digits)})`;
}

/** "12 (10–14)" for counts over several runs; just "12" when every run agrees. */
function countText(values) {
	const m = median(values);
	if (values.every((v) => v === values[0])) return String(values[0]);
	return `${Number.isInteger(m) ? m : m.toFixed(1)} (${min(values)}–${max(values)})`;
}

function msText(values) {
	const m = median(values);
	if (values.length < 2) return `${m.toFixed(0)} ms`;
	return `${m.toFixed(0)} ms (${min(values).toFixed(0)}–${max(values).toFixed(0)})`;
}

/** Markdown table (also readable in a terminal). */
function table(headers, rows) {
	const cells = [headers, ...rows].map((row) => row.map((cell) => String(cell ?? '')));
	const widths = headers.map((_, i) => Math.max(3, ...cells.map((row) => row[i].length)));
	const line = (row) => `| ${row.map((cell, i) => cell.padEnd(widths[i])).join(' | ')} |`;
	return [line(cells[0]), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...cells.slice(1).map(line)].join('\n');
}

module.exports = { median, min, max, ratioText, countText, msText, table };
