#ifndef INCIDENTMAP_CSQLITE_SHIM_H
#define INCIDENTMAP_CSQLITE_SHIM_H
// SQLite's C API (Debian libsqlite3-dev), for the store's hot paths (binding and reading
// columns without GRDB's boxing) and for loading SpatiaLite as an extension. SpatiaLite itself
// is not linked: it is loaded at run time as mod_spatialite (see SpatiaLiteLoader).
#include <sqlite3.h>
#endif
