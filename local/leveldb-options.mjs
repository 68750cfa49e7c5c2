// The LevelDB option both embedded stores (dynalite's and the Step Functions engine's) open with
// (docs/decisions.md D23).
//
// classic-level 3.0.0 bundles LevelDB 1.20, which lacks the fix for google/leveldb#320 (AddBoundaryInputs,
// LevelDB 1.21): while a snapshot is held — classic-level takes one for every iterator and every get — a
// compaction keeps several versions of a key, and may cut its output file between them. A later compaction can
// then move the file with the newer versions a level down and leave the one with the older versions above it,
// where reads find it first: a deleted key comes back, an item reads as an earlier state. The crash soak saw
// exactly that (docs/soak.md), made far likelier by dynalite leaving every read's snapshot open (fixed in
// dynalite-store.mjs). Only a cut can split a key's versions, so files are cut at 64 MiB instead of
// 2 MiB: 32 times fewer cuts, and none at all while a level holds less than 64 MiB. (LevelDB 1.20 takes at most
// 1 GiB, but computes 10× and 25× the size in a 32-bit int: above ~80 MiB those overflow and every key gets a file
// of its own.)
export const LEVELDB_MAX_FILE_SIZE = 64 * 1024 * 1024;
