package io.mailroom.adapter.smtp.pipelining;

import jakarta.mail.Address;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.util.ArrayList;
import java.util.List;

/** The recipients of a pipelined transaction, as Angus Mail sends their {@code RCPT TO}. */
final class Recipients {
    private Recipients() {
    }

    /** @return {@code true} if there are recipients and all are Internet addresses (the only kind pipelined) */
    static boolean allInternet(Address[] addresses) {
        if (addresses == null || addresses.length == 0) {
            return false;
        }
        for (Address a : addresses) {
            if (!(a instanceof InternetAddress)) {
                return false;
            }
        }
        return true;
    }

    /** The recipients in the order Angus sends RCPT TO: each group address expanded, as its expandGroups() does. */
    static List<InternetAddress> expand(Address[] addresses) {
        List<InternetAddress> out = new ArrayList<>();
        for (Address a : addresses) {
            InternetAddress ia = (InternetAddress) a;
            InternetAddress[] members = null;
            try {
                members = ia.isGroup() ? ia.getGroup(true) : null;
            } catch (AddressException e) {
                // As Angus: a group it cannot parse is sent as it is.
            }
            if (members == null) {
                out.add(ia);
            } else {
                out.addAll(List.of(members));
            }
        }
        return out;
    }
}
