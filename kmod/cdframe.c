// SPDX-License-Identifier: GPL-2.0
/* Build the shared CD framing code (common/cdframe.c) into the module. */
#include "compat.h"
#include "../common/cdframe.c"
