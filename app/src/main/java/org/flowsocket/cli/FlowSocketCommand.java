/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.karaf.shell.support.CommandException;
import org.apache.karaf.shell.support.ShellUtil;
import org.flowsocket.api.FlowSocketException;
import org.flowsocket.api.QosFlow;
import org.flowsocket.impl.node.NodeJson;
import org.onlab.osgi.DefaultServiceDirectory;
import org.onlab.osgi.ServiceDirectory;
import org.onosproject.cli.AbstractShellCommand;
import org.onosproject.codec.CodecService;
import org.onosproject.codec.JsonCodec;
import org.onosproject.net.Device;
import org.onosproject.net.DeviceId;
import org.onosproject.net.config.NetworkConfigService;
import org.onosproject.net.config.basics.BasicDeviceConfig;
import org.onosproject.net.device.DeviceService;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static com.google.common.base.Preconditions.checkNotNull;

/**
 * Base of FlowSocket's shell commands: they call FlowSocket's services and
 * print the outcome, as JSON with {@code -j} (the entity alone, an object or
 * an array, written by the codec registered with ONOS's CodecService, as
 * ONOS's own commands print) or in words, and FlowSocket's typed errors as
 * code and message.
 */
abstract class FlowSocketCommand extends AbstractShellCommand {

    /** Longest wait for the switches: the service's own deadlines end sooner. */
    private static final long WAIT_SECONDS = 130;

    private static volatile ServiceDirectory services = new DefaultServiceDirectory();

    /**
     * Returns a service, from OSGi in ONOS; hides AbstractShellCommand's
     * {@code get} so that tests can give the services (as ONOS's REST
     * resources take a ServiceDirectory in their tests).
     *
     * @param serviceClass service class
     * @param <T>          service type
     * @return the service
     * @throws org.onlab.osgi.ServiceNotFoundException if it is not there
     */
    public static <T> T get(Class<T> serviceClass) {
        return services.get(serviceClass);
    }

    /**
     * Sets where commands and completers find their services.
     *
     * @param directory services, e.g. a test's
     */
    static void setServiceDirectory(ServiceDirectory directory) {
        services = checkNotNull(directory, "directory");
    }

    // Declared here too, so that the package's tests can run a command's body.
    @Override
    protected abstract void doExecute() throws Exception;

    @Override
    public <T> T getService(Class<T> serviceClass) {
        return get(serviceClass);
    }

    @Override
    public <T> JsonCodec<T> codec(Class<T> entityClass) {
        return get(CodecService.class).getCodec(entityClass);
    }

    /**
     * Returns who the shell user is to FlowSocket: the name Karaf's login
     * put in the JAAS subject the command runs as (Karaf's own commands read
     * it the same way), so a flow made on the console belongs to the same
     * user as one made over the WebSocket with ONOS's credentials.
     *
     * @return owner name of what the command installs
     * @throws FlowSocketException INVALID_FIELD {@code owner} if the command runs without a Karaf login
     */
    protected static String shellUser() {
        String user = ShellUtil.getCurrentUserName();
        if (user == null) {
            throw FlowSocketException.invalid("owner", "the command runs without a logged-in Karaf user");
        }
        return user;
    }

    /**
     * Waits for a service's answer.
     *
     * @param answer the service's future
     * @param <T>    answer type
     * @return the answer
     * @throws InterruptedException if the shell is interrupted
     * @throws CommandException     the service's typed error, or no answer in time
     */
    protected <T> T await(CompletableFuture<T> answer) throws InterruptedException, CommandException {
        try {
            return answer.get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return failed(e.getCause());
        } catch (TimeoutException e) {
            String text = String.format("FlowSocket did not answer within %d s", WAIT_SECONDS);
            throw new CommandException(text, text, e);
        }
    }

    /**
     * Ends the command with a failure: a FlowSocket error as its code and
     * message (which names the field) and the flow it concerns, other
     * failures as they are. It is thrown as Karaf's CommandException, as
     * Karaf's shell reports a refused command line: Karaf prints the text on
     * the console, logs it at debug level only, and an SSH exec ends with
     * exit status 1. (An error printed on standard error would be lost over
     * SSH exec: Karaf 4.2's gogo pipe cannot flush it to the channel, and
     * Apache SSHD 2.5.1's ChannelSession.closeShell flushes only standard
     * output before it closes the channel; and onos-cli's
     * AbstractShellCommand.execute returns null, so the exit status would be
     * 0.)
     *
     * @param error the failure
     * @param <T>   any type
     * @return never
     * @throws CommandException always
     */
    protected <T> T failed(Throwable error) throws CommandException {
        String text;
        if (error instanceof FlowSocketException) {
            FlowSocketException e = (FlowSocketException) error;
            text = String.format("%s: %s%s", e.code(), e.getMessage(),
                                 e.flowId() != null ? " (flowId=" + e.flowId() + ")" : "");
        } else {
            text = String.valueOf(error);
        }
        throw new CommandException(text, text, error);
    }

    /**
     * Prints a flow in one line, or as JSON with {@code -j}.
     *
     * @param flow  the flow
     * @param state the state to show, e.g. REMOVED after a removal
     */
    protected void printFlow(QosFlow flow, String state) {
        if (outputJson()) {
            printJson(jsonForEntity(flow, QosFlow.class).put("state", state));
            return;
        }
        print("flowId=%s, state=%s, kind=%s, owner=%s, rules=%d%s%s", flow.id(), state,
              flow.kind().name().toLowerCase(), flow.owner(), flow.rules().size(),
              flow.spec().map(spec -> ", spec=" + spec).orElse(""),
              flow.reason() != null ? ", reason=" + flow.reason() : "");
    }

    /**
     * Renders entities as a JSON array through their codec, as ONOS's list
     * commands print with {@code -j}.
     *
     * @param entities    the entities
     * @param entityClass class whose codec writes them
     * @param <T>         entity type
     * @return JSON array
     */
    protected <T> ArrayNode jsonArray(Iterable<? extends T> entities, Class<T> entityClass) {
        ArrayNode array = mapper().createArrayNode();
        JsonCodec<T> codec = codec(entityClass);
        entities.forEach(entity -> array.add(codec.encode(entity, this)));
        return array;
    }

    /**
     * Renders a device: ONOS's device JSON if ONOS has the device, else its
     * id and, if it is provisioned, its basic configuration.
     *
     * @param deviceId the device
     * @return JSON object
     */
    protected ObjectNode deviceJson(DeviceId deviceId) {
        Device device = get(DeviceService.class).getDevice(deviceId);
        if (device != null) {
            return jsonForEntity(device, Device.class);
        }
        ObjectNode json = mapper().createObjectNode().put("id", deviceId.toString());
        BasicDeviceConfig config = get(NetworkConfigService.class).getConfig(deviceId, BasicDeviceConfig.class);
        if (config != null) {
            json.set("config", config.node());
        }
        return json;
    }

    /**
     * Returns a renderer of nodes as the protocol's node commands write
     * them: ONOS's host or device JSON with FlowSocket's kind and state.
     *
     * @return node renderer
     */
    protected NodeJson nodeJson() {
        return new NodeJson(this, get(DeviceService.class), get(NetworkConfigService.class));
    }

    /**
     * Prints a node, as the protocol renders it, in one line.
     *
     * @param node a host or device node
     */
    protected void printNode(JsonNode node) {
        if ("host".equals(node.path("kind").asText())) {
            List<String> ips = new ArrayList<>();
            node.path("ipAddresses").forEach(ip -> ips.add(ip.asText()));
            List<String> locations = new ArrayList<>();
            node.path("locations").forEach(l -> locations.add(l.path("elementId").asText() + "/"
                    + l.path("port").asText()));
            print("host id=%s, state=%s, ips=%s, locations=%s", node.path("id").asText(),
                  node.path("state").asText(), ips, locations);
        } else {
            print("device id=%s, state=%s, type=%s, provisioned=%s", node.path("id").asText(),
                  node.path("state").asText(), node.path("type").asText("-"), node.path("provisioned").asBoolean());
        }
    }

    /**
     * Prints JSON, indented.
     *
     * @param json the JSON
     */
    protected void printJson(JsonNode json) {
        try {
            print("%s", mapper().writerWithDefaultPrettyPrinter().writeValueAsString(json));
        } catch (JsonProcessingException e) {
            error("cannot print JSON: %s", e.getMessage());
        }
    }
}
