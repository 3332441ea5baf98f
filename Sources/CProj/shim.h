#ifndef INCIDENTMAP_CPROJ_SHIM_H
#define INCIDENTMAP_CPROJ_SHIM_H
// PROJ's implementation of Karney's geodesic algorithms (Debian libproj-dev).
#include <geodesic.h>
#endif
