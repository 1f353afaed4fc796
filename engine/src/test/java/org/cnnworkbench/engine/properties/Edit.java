package org.cnnworkbench.engine.properties;

import org.cnnworkbench.engine.io.NetworkJson;
import org.cnnworkbench.engine.model.NetworkSpec;

/**
 * One edit of a spec, as the workbench would make it.
 *
 * @param description what was done, for failure messages
 * @param nodeId the edited, added or removed node
 * @param result the spec after the edit
 * @param structural whether ids or inputs changed (as opposed to a node's kind or parameters)
 */
record Edit(String description, String nodeId, NetworkSpec result, boolean structural) {

    @Override
    public String toString() {
        return description + " giving\n" + NetworkJson.write(result);
    }
}
