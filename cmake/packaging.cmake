# `cpack -G DEB` in the build directory: a Debian package of what `cmake --install` puts in place
# (the programs, the demo data, the desktop entry, the icon and the MIME types) under /usr.
# Its Depends come from dpkg-shlibdeps (dpkg-dev): the packages of every library the programs
# link (Qt 6 Core/Gui/Widgets/Concurrent, QCustomPlot, c-blosc, zstd, zlib, kissfft, libstdc++).
# Debian's shared-mime-info, desktop-file-utils and hicolor-icon-theme update their caches by
# dpkg triggers, so the package needs no maintainer scripts.
set(CPACK_PACKAGE_NAME seisview)
set(CPACK_PACKAGE_VENDOR "seisview")
set(CPACK_PACKAGE_CONTACT "seisview maintainers <seisview@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Viewer and command-line tool for huge SEG-Y files and Zarr stores")
set(CPACK_PACKAGE_DESCRIPTION
    "seisview shows seismic gathers of SEG-Y files and Zarr stores of any size with bounded memory;\
 seisview-cli reads, checks, processes and converts them from the command line.")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_GENERATOR DEB)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION science)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "shared-mime-info, desktop-file-utils, hicolor-icon-theme")
include(CPack)
