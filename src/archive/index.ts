/** Archive tooling: bounded-window inflate, gzip/sdist/wheel builders, upip's tar reader and rules, reading an archive for inspect. */
export * from './boundedInflate.ts';
export * from './buildSdist.ts';
export * from './buildWheel.ts';
export * from './buildZip.ts';
export * from './checksums.ts';
export * from './gzipHeader.ts';
export * from './gzipWithWindow.ts';
export * from './inflateStream.ts';
export * from './inspectArchive.ts';
export * from '../py/int.ts';
export * from './seededBytes.ts';
export * from './tarNumericFields.ts';
export * from './upipTarRules.ts';
export * from './utarReader.ts';
export * from './zlibHeader.ts';
