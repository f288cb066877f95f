package dev.capmill.format;

import dev.capmill.model.InterfaceInfo;
import dev.capmill.model.SectionInfo;
import java.util.List;

/**
 * The sections and interfaces declared so far in a stream of records. A record's
 * {@code interfaceId} and {@code sectionIndex} index these lists; they only grow.
 */
public interface CaptureMetadata {
    List<SectionInfo> sections();

    List<InterfaceInfo> interfaces();

    /** Metadata over these lists (read each time, so they may still grow). */
    static CaptureMetadata of(List<SectionInfo> sections, List<InterfaceInfo> interfaces) {
        return new CaptureMetadata() {
            @Override
            public List<SectionInfo> sections() {
                return sections;
            }

            @Override
            public List<InterfaceInfo> interfaces() {
                return interfaces;
            }
        };
    }
}
