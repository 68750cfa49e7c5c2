export declare const LEVELDB_MAX_FILE_SIZE: number;
