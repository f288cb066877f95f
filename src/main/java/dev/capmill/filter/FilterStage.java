package dev.capmill.filter;

import dev.capmill.model.InterfaceInfo;
import dev.capmill.model.LinkType;
import dev.capmill.model.PacketRecord;
import dev.capmill.pipeline.RecordSource;
import dev.capmill.pipeline.StageSource;
import java.util.ArrayList;
import java.util.List;

/**
 * The filter as a pipeline stage: keeps the packets the expression matches. The expression is
 * compiled once per interface, for that interface's link type; an interface whose link type the
 * filter cannot handle (or for which libpcap would refuse the expression) ends the run with a
 * {@link FilterException} naming it.
 */
public final class FilterStage extends StageSource.PacketFilter {
    private final String expression;
    private final List<BpfProgram> programs = new ArrayList<>();

    public FilterStage(RecordSource upstream, String expression) {
        super(upstream);
        this.expression = expression;
        Parser.parse(expression); // syntax errors before anything is read
    }

    @Override
    protected boolean accept(PacketRecord p) {
        int id = p.interfaceId();
        BpfProgram prog = id < programs.size() ? programs.get(id) : null;
        if (prog == null) {
            prog = compileFor(id);
        }
        return prog.matches(p.data(), p.offset(), p.capturedLength(), p.originalLength());
    }

    private BpfProgram compileFor(int id) {
        InterfaceInfo iface = interfaces().get(id);
        int lt = iface.linkType();
        String where = (iface.source().isEmpty() ? "" : iface.source() + ": ") + "interface " + id + " ("
                + LinkType.name(lt) + ")";
        if (!BpfProgram.supportsLinkType(lt)) {
            throw new FilterException(where + ": the filter does not support link type " + LinkType.name(lt)
                    + " (" + lt + "); supported: Ethernet, raw IP, IPv4, IPv6, Linux SLL/SLL2, BSD loopback, 802.11 (bare, radiotap, Prism, AVS)");
        }
        BpfProgram prog;
        try {
            prog = BpfProgram.compile(expression, lt);
        } catch (FilterException e) {
            throw new FilterException(where + ": " + e.getMessage());
        }
        while (programs.size() <= id) {
            programs.add(null);
        }
        programs.set(id, prog);
        return prog;
    }
}
