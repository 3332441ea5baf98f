#ifndef INCIDENTMAP_CSPATIALITE_SHIM_H
#define INCIDENTMAP_CSPATIALITE_SHIM_H
// SpatiaLite's C API (Debian libspatialite-dev). Only the connection set-up
// functions are used: everything spatial goes through SQL.
#include <sqlite3.h>
#include <spatialite.h>
#endif
