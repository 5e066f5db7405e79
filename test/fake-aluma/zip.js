// Tiny zip writer and reader (stored and deflated entries, no zip64, no encryption): enough for
// read results, classifier samples, .alproj projects and the fixtures, without npm packages.
'use strict';

const zlib = require('node:zlib');

const CRC_TABLE = (() => {
	const table = new Uint32Array(256);
	for (let n = 0; n < 256; n++) {
		let c = n;
		for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
		table[n] = c >>> 0;
	}
	return table;
})();

/** CRC-32 as used by zip and PNG. */
function crc32(buffer) {
	let crc = 0xffffffff;
	for (const byte of buffer) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
	return (crc ^ 0xffffffff) >>> 0;
}

const SIG = { local: 0x04034b50, central: 0x02014b50, end: 0x06054b50 };
// 2026-01-01 00:00 in MS-DOS format; a fixed stamp keeps generated archives byte-identical.
const DOS_TIME = 0;
const DOS_DATE = ((2026 - 1980) << 9) | (1 << 5) | 1;

/**
 * The fields a local header (from byte 4) and its central directory record (from byte 6) share, in
 * the same order: version needed, flags (UTF-8 names), method, time, date, CRC-32, compressed and
 * uncompressed size, name length.
 */
function writeEntryFields(header, at, { method, crc, compressedSize, size, nameLength }) {
	header.writeUInt16LE(20, at); // version needed
	header.writeUInt16LE(0x0800, at + 2); // UTF-8 names
	header.writeUInt16LE(method, at + 4);
	header.writeUInt16LE(DOS_TIME, at + 6);
	header.writeUInt16LE(DOS_DATE, at + 8);
	header.writeUInt32LE(crc, at + 10);
	header.writeUInt32LE(compressedSize, at + 14);
	header.writeUInt32LE(size, at + 18);
	header.writeUInt16LE(nameLength, at + 22);
}

/**
 * @param {{ name: string, data?: Buffer | string, deflate?: boolean }[]} entries  names ending in '/' are folders
 * @returns {Buffer}
 */
function writeZip(entries) {
	const locals = [];
	const centrals = [];
	let offset = 0;
	for (const entry of entries) {
		const name = Buffer.from(entry.name, 'utf8');
		const data = Buffer.isBuffer(entry.data) ? entry.data : Buffer.from(entry.data ?? '', 'utf8');
		const deflate = Boolean(entry.deflate) && data.length > 0;
		const stored = deflate ? zlib.deflateRawSync(data) : data;
		const fields = { method: deflate ? 8 : 0, crc: crc32(data), compressedSize: stored.length, size: data.length, nameLength: name.length };
		const local = Buffer.alloc(30);
		local.writeUInt32LE(SIG.local, 0);
		writeEntryFields(local, 4, fields);
		locals.push(local, name, stored);

		const central = Buffer.alloc(46);
		central.writeUInt32LE(SIG.central, 0);
		central.writeUInt16LE(20, 4); // version made by
		writeEntryFields(central, 6, fields);
		central.writeUInt32LE(entry.name.endsWith('/') ? 0x10 : 0, 38); // MS-DOS directory attribute
		central.writeUInt32LE(offset, 42);
		centrals.push(central, name);
		offset += local.length + name.length + stored.length;
	}
	const directory = Buffer.concat(centrals);
	const end = Buffer.alloc(22);
	end.writeUInt32LE(SIG.end, 0);
	end.writeUInt16LE(entries.length, 8);
	end.writeUInt16LE(entries.length, 10);
	end.writeUInt32LE(directory.length, 12);
	end.writeUInt32LE(offset, 16);
	return Buffer.concat([...locals, directory, end]);
}

function isZip(buffer) {
	return buffer.length >= 4 && buffer.readUInt32LE(0) === SIG.local;
}

/**
 * Reads a zip through its central directory. Throws an Error with a readable message when the
 * bytes are not a zip this reader understands.
 * @param {Buffer} buffer
 * @returns {{ name: string, isDirectory: boolean, data: Buffer }[]}
 */
function readZip(buffer) {
	if (!isZip(buffer)) throw new Error('not a zip archive (missing PK\\x03\\x04 signature)');
	let end = -1;
	for (let i = buffer.length - 22; i >= Math.max(0, buffer.length - 22 - 0xffff); i--) {
		if (buffer.readUInt32LE(i) === SIG.end) {
			end = i;
			break;
		}
	}
	if (end < 0) throw new Error('zip end-of-central-directory record not found');
	const count = buffer.readUInt16LE(end + 10);
	let pos = buffer.readUInt32LE(end + 16);
	const entries = [];
	for (let n = 0; n < count; n++) {
		if (pos + 46 > buffer.length || buffer.readUInt32LE(pos) !== SIG.central) throw new Error('corrupt zip central directory');
		const flags = buffer.readUInt16LE(pos + 8);
		const method = buffer.readUInt16LE(pos + 10);
		const compressedSize = buffer.readUInt32LE(pos + 20);
		const nameLength = buffer.readUInt16LE(pos + 28);
		const extraLength = buffer.readUInt16LE(pos + 30);
		const commentLength = buffer.readUInt16LE(pos + 32);
		const localOffset = buffer.readUInt32LE(pos + 42);
		const name = buffer.toString(flags & 0x0800 ? 'utf8' : 'latin1', pos + 46, pos + 46 + nameLength);
		pos += 46 + nameLength + extraLength + commentLength;

		if (buffer.readUInt32LE(localOffset) !== SIG.local) throw new Error(`corrupt local header for ${name}`);
		const dataStart = localOffset + 30 + buffer.readUInt16LE(localOffset + 26) + buffer.readUInt16LE(localOffset + 28);
		const raw = buffer.subarray(dataStart, dataStart + compressedSize);
		const isDirectory = name.endsWith('/');
		let data;
		if (isDirectory) data = Buffer.alloc(0);
		else if (method === 0) data = Buffer.from(raw);
		else if (method === 8) data = zlib.inflateRawSync(raw);
		else throw new Error(`unsupported zip compression method ${method} for ${name}`);
		entries.push({ name, isDirectory, data });
	}
	return entries;
}

module.exports = { crc32, writeZip, readZip, isZip };
