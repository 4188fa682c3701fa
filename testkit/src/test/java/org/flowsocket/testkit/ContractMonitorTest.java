/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.testkit;

import org.junit.Test;

import java.util.Optional;

import static org.flowsocket.testkit.Requests.json;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.fail;
import static org.junit.Assert.assertTrue;

/**
 * The hook every suite's frames pass through: messages as protocol.md shows
 * them keep the contract, deliberately wrong ones break it with the reason
 * and the schema path.
 */
public class ContractMonitorTest {

    private static final String HOST = "{'kind':'host','state':'online','id':'00:00:00:00:00:0A/None',"
            + "'mac':'00:00:00:00:00:0A','vlan':'None','innerVlan':'None','outerTpid':'0x0000','configured':true,"
            + "'suspended':false,'ipAddresses':['10.0.0.10'],"
            + "'locations':[{'elementId':'of:0000000000000001','port':'1'}],'annotations':{'name':'printer'}}";

    private static final String HANDLE = "{'flowId':'fs-7','kind':'network','state':'INSTALLED','owner':'onos',"
            + "'createdAt':1795640000000,'spec':{'src':'10.0.0.1','dst':'10.0.0.3','protocol':'udp','dstPort':5060,"
            + "'class':'voice','priority':50000,'qos':{'dscp':46,'queue':2,'meterKbps':512},'bidirectional':true,"
            + "'timeout':0,'reroute':true},'rules':[{'deviceId':'of:0000000000000001','flowId':'562950960467285'}],"
            + "'path':[{'deviceId':'of:0000000000000001','inPort':'1','outPort':'2'}],"
            + "'meters':[{'deviceId':'of:0000000000000001','meterId':1,'state':'ADDED'}]}";

    private final ContractMonitor monitor = new ContractMonitor("test");

    @Test
    public void documentedMessagesKeepTheContract() {
        kept("{'kind':'reply','id':'h1','type':'AddNode','status':'ok','result':" + HOST + "}");
        kept("{'kind':'reply','id':'q1','type':'InstallFlow','status':'ok','result':" + HANDLE + "}");
        kept("{'kind':'reply','id':'q1','type':'InstallFlow','status':'error','error':{'code':'FLOW_REFUSED',"
                     + "'message':'the switches refused 1 rule(s)','details':{'refused':[{'deviceId':"
                     + "'of:0000000000000002','flowId':'562951694517592','errType':2,'errCode':4,"
                     + "'switchError':'BAD_ACTION/BAD_OUT_PORT'}]},'flowId':'fs-8'}}");
        kept("{'kind':'reply','id':null,'status':'error','error':{'code':'MALFORMED_JSON','message':'not JSON'}}");
        kept("{'kind':'event','topic':'flows','event':'FLOW_INSTALLED','time':1795640001234,'data':" + HANDLE
                     + ",'seq':1}");
        kept("{'kind':'event','topic':'flows','event':'FLOW_REMOVED','time':1795640001234,"
                     + "'data':{'flowId':'fs-7'},'seq':2}");
        assertTrue(monitor.violations().isEmpty());
        monitor.assertKept();
    }

    @Test
    public void wrongMessagesBreakItWithReasonAndSchemaPath() {
        String violation = broken("{'kind':'event','topic':'flows','event':'FLOW_REMOVED','time':1,"
                                          + "'data':{'flowId':'fs-7'},'seq':1,'id':3}");
        assertTrue(violation, violation.contains("id") && violation.contains("schema keyword"));
        violation = broken("{'kind':'reply','id':1,'type':'GetFlow','status':'error',"
                                   + "'error':{'code':'NOT_A_CODE','message':'x'}}");
        assertTrue(violation, violation.contains("code") && violation.contains("enum"));
        violation = broken("{'kind':'reply','id':1,'type':'InstallFlow','status':'ok','result':"
                                   + HANDLE.replace("'INSTALLED'", "'SORT_OF_INSTALLED'") + "}");
        assertTrue(violation, violation.contains("state"));
        broken("{'kind':'reply','id':1,'type':'AddNode','status':'ok','result':"
                       + HOST.replace("'state':'online'", "'state':'online','extra':1") + "}");
        broken("{'kind':'hello','server':'FlowSocket'}");
        assertEquals(5, monitor.violations().size());
        try {
            monitor.assertKept();
            fail("assertKept let 5 violations pass");
        } catch (AssertionError failure) {
            assertTrue(failure.getMessage(), failure.getMessage().contains("5 message(s) broke"));
        }
    }

    @Test
    public void aRequestTheContractRefusesMustBeRefused() {
        monitor.sent("{\"type\":\"ListFlows\",\"id\":\"a\",\"state\":\"SOMEHOW\"}");
        kept("{'kind':'reply','id':'a','type':'ListFlows','status':'error','error':{'code':'INVALID_FIELD',"
                     + "'message':'state must be one of ...','field':'state'}}");
        monitor.sent("{\"type\":\"ListFlows\",\"id\":\"b\",\"state\":\"SOMEHOW\"}");
        String violation = broken("{'kind':'reply','id':'b','type':'ListFlows','status':'ok',"
                                          + "'result':{'flows':[]}}");
        assertTrue(violation, violation.startsWith("the server accepted a request the contract refuses"));
        // A null member counts as absent.
        monitor.sent("{\"type\":\"ListFlows\",\"id\":\"c\",\"state\":\"INSTALLED\",\"limit\":null}");
        kept("{'kind':'reply','id':'c','type':'ListFlows','status':'ok','result':{'flows':[]}}");
    }

    @Test
    public void policeWithoutABandwidthOrWithAMeterPerHopBreaksTheContract() {
        String network = "{\"type\":\"InstallFlow\",\"id\":\"%s\",\"network\":{\"src\":\"10.0.0.1\","
                + "\"dst\":\"10.0.0.3\",\"qos\":%s}}";
        monitor.sent(String.format(network, "p1", "{\"police\":true}"));
        assertTrue(broken("{'kind':'reply','id':'p1','type':'InstallFlow','status':'ok','result':" + HANDLE + "}")
                           .startsWith("the server accepted a request the contract refuses"));
        monitor.sent(String.format(network, "p2", "{\"bandwidthKbps\":500,\"police\":true,\"meterKbps\":500}"));
        assertTrue(broken("{'kind':'reply','id':'p2','type':'InstallFlow','status':'ok','result':" + HANDLE + "}")
                           .startsWith("the server accepted a request the contract refuses"));
        monitor.sent(String.format(network, "p3", "{\"bandwidthKbps\":500,\"police\":true}"));
        kept("{'kind':'reply','id':'p3','type':'InstallFlow','status':'ok','result':"
                     + HANDLE.replace("'meterKbps':512", "'bandwidthKbps':500,'police':true") + "}");
    }

    @Test
    public void aBatchItemTheContractRefusesMustGetAnError() {
        String batch = "{\"type\":\"Batch\",\"id\":\"b\",\"requests\":[{\"type\":\"Hello\"},"
                + "{\"type\":\"ListFlows\",\"state\":\"SOMEHOW\"}]}";
        String hello = "{'id':0,'type':'Hello','status':'ok','result':{'server':'FlowSocket','version':'1',"
                + "'protocol':'flowsocket.v1','session':'s','user':'onos','role':'admin','commands':['Hello'],"
                + "'topics':['flows'],'limits':{'maxFrameBytes':1,'maxInFlight':1,'maxQueuedMessages':1,"
                + "'maxQueuedBytes':1,'idleTimeoutMs':1,'pingIntervalMs':1,'maxBatch':1,'maxRulesPerRequest':1},"
                + "'trafficClasses':{'voice':{'dscp':46,'phb':'EF','priority':50000},"
                + "'video':{'dscp':34,'phb':'AF41','priority':45000},"
                + "'critical':{'dscp':26,'phb':'AF31','priority':40000},"
                + "'best-effort':{'dscp':0,'phb':'DF','priority':30000},"
                + "'bulk':{'dscp':10,'phb':'AF11','priority':20000}}}}";
        monitor.sent(batch);
        kept("{'kind':'reply','id':'b','type':'Batch','status':'ok','result':{'count':2,'failed':1,'results':["
                     + hello + ",{'id':1,'type':'ListFlows','status':'error','error':{'code':'INVALID_FIELD',"
                     + "'message':'no such state','field':'state'}}]}}");
        monitor.sent(batch);
        String violation = broken("{'kind':'reply','id':'b','type':'Batch','status':'ok','result':{'count':2,"
                                          + "'failed':0,'results':[" + hello + ",{'id':1,'type':'ListFlows',"
                                          + "'status':'ok','result':{'flows':[]}}]}}");
        assertTrue(violation, violation.startsWith("the server accepted Batch item 1"));
    }

    @Test
    public void framesNestedBeyondWhatTheServerParsesAreLeftToItsReply() {
        assertEquals(3, ContractMonitor.nestingDepth("{\"a\":[{\"b\":\"[[[[\\\"\"}]}"));
        StringBuilder deep = new StringBuilder("{\"type\":\"Hello\",\"id\":1,\"x\":");
        for (int i = 0; i < 200_000; i++) {
            deep.append('[');
        }
        monitor.sent(deep.toString());
        kept("{'kind':'reply','id':1,'type':'Hello','status':'error','error':{'code':'MALFORMED_JSON',"
                     + "'message':'nested deeper than 32 levels'}}");
    }

    @Test
    public void aNumberTheValidatorCannotReadIsRefused() {
        monitor.sent("{\"type\":1e400,\"id\":\"n\"}");
        String violation = broken("{'kind':'reply','id':'n','type':'ListNodes','status':'ok',"
                                          + "'result':{'hosts':[]}}");
        assertTrue(violation, violation.contains("cannot be read by the validator"));
    }

    @Test
    public void notJsonFromTheServerBreaksIt() {
        Optional<String> violation = monitor.received("{nope");
        assertTrue(violation.isPresent());
    }

    private void kept(String message) {
        Optional<String> violation = monitor.received(json(message));
        assertFalse(violation.orElse(""), violation.isPresent());
    }

    private String broken(String message) {
        Optional<String> violation = monitor.received(json(message));
        assertTrue("not caught: " + message, violation.isPresent());
        return violation.get();
    }
}
