/**
 * The caveat on every view that takes a trial as one configuration (importance, slice plots, parallel
 * coordinates) when the study is PBT: a PBT trial's params are those it was forked with, its last
 * segment's, while its weights were trained under its lineage's params before that (lineage.ts). The
 * views' numbers stay as they are; this says how to read them.
 */
export const PBT_PARAMS_NOTE =
  "each PBT trial counts with its last segment's params only, but its weights were trained under its lineage's params before that: read this as what the final params go with, not as their effect";
