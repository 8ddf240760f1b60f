package dev.vigil.collector.config;

import java.util.Map;
import java.util.Set;

/** The legacy {@code $} directives Vigil understands, grouped by what they configure. */
final class Directives {
    private Directives() {
    }

    /** Directives that set a global; value is the {@code global()} parameter name. */
    static final Map<String, String> GLOBAL = Map.ofEntries(
            Map.entry("maxmessagesize", "maxmessagesize"), Map.entry("workdirectory", "workdirectory"),
            Map.entry("defaultnetstreamdriver", "defaultnetstreamdriver"),
            Map.entry("defaultnetstreamdrivercafile", "defaultnetstreamdrivercafile"),
            Map.entry("defaultnetstreamdrivercertfile", "defaultnetstreamdrivercertfile"),
            Map.entry("defaultnetstreamdriverkeyfile", "defaultnetstreamdriverkeyfile"),
            Map.entry("umask", "umask"), Map.entry("repeatedmsgreduction", "repeatedmsgreduction"),
            Map.entry("privdroptouser", "privdroptouser"), Map.entry("privdroptouserid", "privdroptouserid"),
            Map.entry("privdroptogroup", "privdroptogroup"), Map.entry("privdroptogroupid", "privdroptogroupid"),
            Map.entry("escapecontrolcharactersonreceive", "escapecontrolcharactersonreceive"),
            Map.entry("controlcharacterescapeprefix", "controlcharacterescapeprefix"),
            Map.entry("escapecontrolcharactertab", "escapecontrolcharactertab"),
            Map.entry("escape8bitcharactersonreceive", "escape8bitcharactersonreceive"),
            Map.entry("droptrailinglfonreception", "droptrailinglfonreception"),
            Map.entry("preservefqdn", "preservefqdn"), Map.entry("localhostname", "localhostname"),
            Map.entry("abortonuncleanconfig", "abortonuncleanconfig"), Map.entry("maxopenfiles", "maxopenfiles"),
            Map.entry("spacelfonreceive", "spacelfonreceive"), Map.entry("optimizeforuniprocessor", "optimizeforuniprocessor"));

    /** Legacy directives that set parameters of the following file/forward/database actions. */
    static final Map<String, String> ACTION = Map.ofEntries(
            Map.entry("fileowner", "fileowner"), Map.entry("fileownernum", "fileownernum"),
            Map.entry("filegroup", "filegroup"), Map.entry("filegroupnum", "filegroupnum"),
            Map.entry("filecreatemode", "filecreatemode"), Map.entry("dircreatemode", "dircreatemode"),
            Map.entry("dirowner", "dirowner"), Map.entry("dirownernum", "dirownernum"),
            Map.entry("dirgroup", "dirgroup"), Map.entry("dirgroupnum", "dirgroupnum"),
            Map.entry("createdirs", "createdirs"), Map.entry("failonchownfailure", "failonchownfailure"),
            Map.entry("dynafilecachesize", "dynafilecachesize"), Map.entry("actionfileenablesync", "x.enablesync"),
            Map.entry("omfileflushinterval", "flushinterval"), Map.entry("omfileasyncwriting", "asyncwriting"),
            Map.entry("omfileziplevel", "ziplevel"), Map.entry("omfileiobuffersize", "iobuffersize"),
            Map.entry("omfileflushontxend", "flushontxend"),
            Map.entry("actionfiledefaulttemplate", "x.filetemplate"),
            Map.entry("actionforwarddefaulttemplate", "x.forwardtemplate"),
            Map.entry("actionsendstreamdriver", "streamdriver"),
            Map.entry("actionsendstreamdrivermode", "streamdrivermode"),
            Map.entry("actionsendstreamdriverauthmode", "streamdriverauthmode"),
            Map.entry("actionsendstreamdriverpermittedpeer", "streamdriverpermittedpeers"),
            Map.entry("actionsendtcprebindinterval", "rebindinterval"),
            Map.entry("actionsendudprebindinterval", "udp.rebindinterval"),
            Map.entry("actionexeconlywhenpreviousissuspended", "action.execonlywhenpreviousissuspended"),
            Map.entry("actionommysqlserverport", "serverport"));

    /** Legacy directives for the next action only (rsyslog resets them after each action). */
    static final Map<String, String> NEXT_ACTION = Map.ofEntries(
            Map.entry("actionqueuetype", "queue.type"), Map.entry("actionqueuefilename", "queue.filename"),
            Map.entry("actionqueuemaxdiskspace", "queue.maxdiskspace"),
            Map.entry("actionqueuesaveonshutdown", "queue.saveonshutdown"), Map.entry("actionqueuesize", "queue.size"),
            Map.entry("actionqueuehighwatermark", "queue.highwatermark"),
            Map.entry("actionqueuelowwatermark", "queue.lowwatermark"),
            Map.entry("actionqueuediscardmark", "queue.discardmark"),
            Map.entry("actionqueuediscardseverity", "queue.discardseverity"),
            Map.entry("actionqueuetimeoutenqueue", "queue.timeoutenqueue"),
            Map.entry("actionqueueworkerthreads", "queue.workerthreads"),
            Map.entry("actionqueuecheckpointinterval", "queue.checkpointinterval"),
            Map.entry("actionqueuesyncqueuefiles", "queue.syncqueuefiles"),
            Map.entry("actionqueuemaxfilesize", "queue.maxfilesize"),
            Map.entry("actionqueuedequeuebatchsize", "queue.dequeuebatchsize"),
            Map.entry("actionresumeretrycount", "action.resumeretrycount"),
            Map.entry("actionresumeinterval", "action.resumeinterval"));

    /** Legacy imtcp / imudp / imptcp / imuxsock / imklog module settings: directive to (module, parameter). */
    static final Map<String, String[]> MODULE = Map.ofEntries(
            Map.entry("inputtcpmaxsessions", new String[] {"imtcp", "maxsessions"}),
            Map.entry("inputtcpmaxlisteners", new String[] {"imtcp", "maxlisteners"}),
            Map.entry("inputtcpserverstreamdrivermode", new String[] {"imtcp", "streamdriver.mode"}),
            Map.entry("inputtcpserverstreamdriverauthmode", new String[] {"imtcp", "streamdriver.authmode"}),
            Map.entry("inputtcpserverstreamdriverpermittedpeer", new String[] {"imtcp", "permittedpeer"}),
            Map.entry("inputtcpserversupportoctetcountedframing",
                    new String[] {"imtcp", "supportoctetcountedframing"}),
            Map.entry("inputtcpserveraddtlframedelimiter", new String[] {"imtcp", "addtlframedelimiter"}),
            Map.entry("inputtcpserverkeepalive", new String[] {"imtcp", "keepalive"}),
            Map.entry("inputtcpservernotifyonconnectionclose", new String[] {"imtcp", "notifyonconnectionclose"}),
            Map.entry("inputtcpflowcontrol", new String[] {"imtcp", "flowcontrol"}),
            Map.entry("inputtcpserverinputname", new String[] {"imtcp", "name"}),
            Map.entry("inputudpserverinputname", new String[] {"imudp", "name"}),
            Map.entry("inputptcpserverinputname", new String[] {"imptcp", "name"}),
            Map.entry("systemlogsocketname", new String[] {"imuxsock", "syssock.name"}),
            Map.entry("omitlocallogging", new String[] {"imuxsock", "syssock.use"}),
            Map.entry("systemlogratelimitinterval", new String[] {"imuxsock", "syssock.ratelimit.interval"}),
            Map.entry("systemlogratelimitburst", new String[] {"imuxsock", "syssock.ratelimit.burst"}),
            Map.entry("imuxsockratelimitinterval", new String[] {"imuxsock", "ratelimit.interval"}),
            Map.entry("klogpermitnonkernelfacility", new String[] {"imklog", "permitnonkernelfacility"}),
            Map.entry("kloglocalipif", new String[] {"imklog", "localipif"}));

    /** Accepted and without effect in Vigil (debugging aids and obsolete settings). */
    static final Set<String> NO_OP = Set.of("debugprinttemplatelist", "debugprintcfsyslinehandlerlist",
            "debugprintmodulelist", "moddir", "resetconfigvariables", "mainmsgqueueworkerthreadminimummessages",
            "actionfileenablesync_legacy");
}
