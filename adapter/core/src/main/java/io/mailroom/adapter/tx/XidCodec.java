package io.mailroom.adapter.tx;

import java.io.Serializable;
import java.util.Arrays;
import java.util.HexFormat;
import javax.transaction.xa.Xid;

/**
 * Turns an {@link Xid} into the outbox's branch id and back, so a branch prepared before a crash
 * is returned to the transaction manager by {@code recover()} with the same format id, global
 * transaction id and branch qualifier.
 */
public final class XidCodec {
    private static final HexFormat HEX = HexFormat.of();

    private XidCodec() {
    }

    /** @return {@code formatId:gtrid-hex:bqual-hex} */
    public static String encode(Xid xid) {
        return xid.getFormatId() + ":" + HEX.formatHex(xid.getGlobalTransactionId()) + ":"
                + HEX.formatHex(xid.getBranchQualifier());
    }

    /** @return the Xid an {@link #encode}d branch id stands for */
    public static Xid decode(String branch) {
        String[] parts = branch.split(":", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException("not an encoded Xid: " + branch);
        }
        return new XidValue(Integer.parseInt(parts[0]), HEX.parseHex(parts[1]), HEX.parseHex(parts[2]));
    }

    /** An Xid rebuilt from the outbox, with value equality as the transaction manager expects. */
    record XidValue(int formatId, byte[] gtrid, byte[] bqual) implements Xid, Serializable {
        @Override
        public int getFormatId() {
            return formatId;
        }

        @Override
        public byte[] getGlobalTransactionId() {
            return gtrid.clone();
        }

        @Override
        public byte[] getBranchQualifier() {
            return bqual.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Xid x && x.getFormatId() == formatId
                    && Arrays.equals(x.getGlobalTransactionId(), gtrid) && Arrays.equals(x.getBranchQualifier(), bqual);
        }

        @Override
        public int hashCode() {
            return 31 * (31 * formatId + Arrays.hashCode(gtrid)) + Arrays.hashCode(bqual);
        }
    }
}
