// SPDX-License-Identifier: GPL-2.0
/*
 * discloop: virtual CD/DVD/BD drives backed by image files.
 *
 * One virtual SCSI host adapter; each drive is a peripheral type 5 device
 * answering the MMC command set in the kernel, so that the kernel's own sr
 * driver binds and makes /dev/srN. Descriptive commands are answered inline
 * in queuecommand; reads are handed to a workqueue that reads the image
 * straight into the request's pages, as loop does.
 *
 * This file: module init/exit, parameters, the host template,
 * queuecommand and the error handlers.
 */
#include <linux/module.h>
#include <linux/blk-mq.h>
#include <linux/device.h>
#include <linux/cpumask.h>
#include <scsi/scsi.h>
#include <scsi/scsi_eh.h>
#include <scsi/scsi_proto.h>
#include "dl_internal.h"
#include "cdframe.h"

static unsigned int max_sectors = 2048;
module_param(max_sectors, uint, 0444);
MODULE_PARM_DESC(max_sectors, "largest request in 512-byte sectors (default 2048 = 1 MiB)");

static unsigned int can_queue = 256;
module_param(can_queue, uint, 0444);
MODULE_PARM_DESC(can_queue, "commands in flight per host (default 256)");

unsigned int dl_nr_workers;
module_param_named(workers, dl_nr_workers, uint, 0444);
MODULE_PARM_DESC(workers, "workers reading for one drive at once (default: online CPUs, at most 8)");

struct Scsi_Host *dl_shost;
struct workqueue_struct *dl_wq;
static struct device *dl_root;

/*
 * With this hook the midlayer no longer clears the whole private area
 * (about 900 bytes, mostly the reply buffer) before every command; each
 * command sets what it uses, and the reply buffer is cleared below only
 * for the commands that build a reply in it.
 */
static int dl_init_cmd_priv(struct Scsi_Host *shost, struct scsi_cmnd *cmd)
{
	memset(dl_cmd(cmd), 0, sizeof(struct dl_cmd));
	return 0;
}

static bool dl_is_read(u8 op)
{
	/* READ(10), READ(12), READ CD, READ CD MSF: the hot path */
	return op == READ_10 || op == READ_12 || op == DL_READ_CD ||
	       op == DL_READ_CD_MSF;
}

static int dl_queuecommand(struct Scsi_Host *shost, struct scsi_cmnd *cmd)
{
	struct dl_drive *drive = dl_sdev_drive(cmd->device);
	struct dl_cmd *dc = dl_cmd(cmd);

	if (!dl_is_read(cmd->cmnd[0]))
		memset(dc->reply, 0, sizeof(dc->reply));
	dc->cmd = cmd;
	dc->drive = drive;
	dc->media = NULL;
	dc->state = DL_CMD_IDLE;
	dc->worker = NULL;
	if (!drive) {
		cmd->result = DID_NO_CONNECT << 16;
		scsi_done(cmd);
		return 0;
	}
	/* Inline commands complete here; reads complete from the worker. */
	if (dl_mmc_execute(cmd))
		scsi_done(cmd);
	return 0;
}

/*
 * A command is either answered inside queuecommand or is a read owned by
 * the drive's workers; dl_io_abort() takes a read back or waits for it, so
 * that nothing touches the command after we return.
 */
static int dl_eh_abort(struct scsi_cmnd *cmd)
{
	dl_io_abort(cmd);
	return SUCCESS;
}

/* Resets: let every read already queued finish. */
static int dl_eh_reset(struct scsi_cmnd *cmd)
{
	flush_workqueue(dl_wq);
	return SUCCESS;
}

static int dl_slave_configure(struct scsi_device *sdev)
{
	/* As libata does for ATAPI: MMC devices use MODE SENSE(10). */
	sdev->use_10_for_ms = 1;
	sdev->no_report_opcodes = 1;
	sdev->no_write_same = 1;
	return 0;
}

static struct scsi_host_template dl_template = {
	.module			= THIS_MODULE,
	.name			= "discloop",
	.proc_name		= "discloop",
	.queuecommand		= dl_queuecommand,
	.eh_abort_handler	= dl_eh_abort,
	.eh_device_reset_handler = dl_eh_reset,
	.eh_target_reset_handler = dl_eh_reset,
	.eh_bus_reset_handler	= dl_eh_reset,
	.eh_host_reset_handler	= dl_eh_reset,
	.slave_alloc		= dl_slave_alloc,
	.slave_configure	= dl_slave_configure,
	.slave_destroy		= dl_slave_destroy,
	.this_id		= -1,
	.sg_tablesize		= 256,
	.max_segment_size	= UINT_MAX,
	.dma_boundary		= PAGE_SIZE - 1,
	.cmd_per_lun		= 64,
	.cmd_size		= sizeof(struct dl_cmd),
	.init_cmd_priv		= dl_init_cmd_priv,
	.sdev_groups		= dl_sdev_groups,
	.skip_settle_delay	= 1,
};

static int __init dl_init(void)
{
	int err;

	dl_cdframe_init();
	dl_quirks_init();

	if (max_sectors < 8)
		max_sectors = 8;
	if (max_sectors > 65535 * 4)
		max_sectors = 65535 * 4;
	if (!can_queue)
		can_queue = 1;
	if (!dl_nr_workers)
		dl_nr_workers = num_online_cpus();
	dl_nr_workers = clamp(dl_nr_workers, 1U, (unsigned int)DL_MAX_WORKERS);
	dl_template.max_sectors = max_sectors;
	dl_template.can_queue = can_queue;

	dl_wq = alloc_workqueue("discloop", WQ_UNBOUND | WQ_MEM_RECLAIM, 0);
	if (!dl_wq)
		return -ENOMEM;

	dl_root = root_device_register("discloop");
	if (IS_ERR(dl_root)) {
		err = PTR_ERR(dl_root);
		goto out_wq;
	}

	err = -ENOMEM;
	dl_shost = scsi_host_alloc(&dl_template, 0);
	if (!dl_shost)
		goto out_root;
	dl_shost->max_channel = 0;
	dl_shost->max_id = DISCLOOP_MAX_DRIVES;
	dl_shost->max_lun = 1;
	dl_shost->max_cmd_len = 16;
	err = scsi_add_host(dl_shost, dl_root);
	if (err)
		goto out_put;
	/*
	 * Reads are answered from the image's page cache, as loop's are, so
	 * like loop start the drives without an I/O scheduler: mq-deadline
	 * costs small random reads about a quarter of their IOPS here. The
	 * tag set exists now and no drive's queue does yet; an administrator
	 * can still choose a scheduler in /sys/block/srN/queue/scheduler.
	 */
	dl_shost->tag_set.flags |= BLK_MQ_F_NO_SCHED_BY_DEFAULT;

	err = dl_control_init();
	if (err)
		goto out_remove;
	return 0;

out_remove:
	scsi_remove_host(dl_shost);
out_put:
	scsi_host_put(dl_shost);
out_root:
	root_device_unregister(dl_root);
out_wq:
	destroy_workqueue(dl_wq);
	return err;
}

static void __exit dl_exit(void)
{
	dl_control_exit();
	dl_drive_remove_all();
	scsi_remove_host(dl_shost);
	scsi_host_put(dl_shost);
	root_device_unregister(dl_root);
	destroy_workqueue(dl_wq);
}

module_init(dl_init);
module_exit(dl_exit);

MODULE_DESCRIPTION("discloop: virtual CD/DVD/BD drives backed by image files");
MODULE_AUTHOR("discloop developers");
MODULE_LICENSE("GPL");
MODULE_VERSION(DISCLOOP_MODULE_VERSION);
