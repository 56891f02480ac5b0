/**
 * The main thread's cache of the datasets studies train on: what a study's preflight loads (and splits), a resume's
 * comparison reads again without loading it twice. Two entries: a process runs one study at a time, or a few.
 */
import { DatasetCache } from '../tasks/dataset-cache.js';

export const studyDataCache = new DatasetCache(2);
