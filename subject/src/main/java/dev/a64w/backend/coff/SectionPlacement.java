package dev.a64w.backend.coff;

/**
 * Where one section's parts go in the file, and the derived header fields.
 *
 * @param headerOffset              file offset of the 40-byte section header
 * @param headerName                the Name field's text: the name itself, or {@code /N} for a long name
 * @param rawDataOffset             PointerToRawData (0 when the section is empty)
 * @param rawDataSize               SizeOfRawData
 * @param relocationsOffset         PointerToRelocations (0 when there are none)
 * @param relocationRecords         10-byte records written, including the NRELOC_OVFL count record
 * @param numberOfRelocationsField  the header's u16 NumberOfRelocations (0xFFFF on overflow)
 * @param characteristics           the header's Characteristics with ALIGN_* and NRELOC_OVFL
 * @param checksum                  the section symbol aux CheckSum (LLVM: JamCRC with initial value 0)
 */
public record SectionPlacement(
        int headerOffset,
        String headerName,
        int rawDataOffset,
        int rawDataSize,
        int relocationsOffset,
        int relocationRecords,
        int numberOfRelocationsField,
        int characteristics,
        int checksum) {

    public boolean overflow() {
        return (characteristics & Coff.IMAGE_SCN_LNK_NRELOC_OVFL) != 0;
    }
}
